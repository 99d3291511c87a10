package com.fibonacco.platform.internal;

import java.util.concurrent.Executor;

import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.aop.interceptor.SimpleAsyncUncaughtExceptionHandler;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Where the modules' asynchronous event listeners run: a fixed number at a time
 * ({@code fibonacco.events.listener-concurrency}), the rest queued in memory — their
 * publications stay incomplete in the registry until they have run, so a crash loses
 * none. Spring Boot's default with virtual threads starts every listener at once: a
 * burst of thousands of events (a day's sends, opens under load) then held every
 * database connection and starved the requests that publish them.
 */
@Configuration(proxyBeanMethods = false)
class EventListenerExecution implements AsyncConfigurer, DisposableBean {

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	EventListenerExecution(@Value("${fibonacco.events.listener-concurrency:4}") int concurrency) {
		if (concurrency < 1 || concurrency > 64) {
			throw new IllegalArgumentException(
					"fibonacco.events.listener-concurrency must be 1 to 64, not " + concurrency);
		}
		executor.setCorePoolSize(concurrency);
		executor.setMaxPoolSize(concurrency);
		executor.setThreadNamePrefix("event-listener-");
		// on shutdown the queued ones are dropped, not run against a closing database: their
		// publications are incomplete and delivered again on the next start
		executor.setWaitForTasksToCompleteOnShutdown(false);
		executor.initialize();
	}

	@Override
	public Executor getAsyncExecutor() {
		return executor;
	}

	@Override
	public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
		return new SimpleAsyncUncaughtExceptionHandler();
	}

	@Override
	public void destroy() {
		executor.shutdown();
	}

}
