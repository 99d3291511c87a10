package com.fibonacco.platform.internal;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.demo.DemoData;
import com.fibonacco.identity.FirstTenant;
import com.fibonacco.identity.TenantBootstrap;
import com.fibonacco.platform.FibonaccoProperties;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Into an empty database only: tenant "Demo", its admin and (unless turned off) demo
 * data. Then says where the console is and how to sign in.
 */
@Component
class FirstStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

	private final TenantBootstrap bootstrap;

	private final DemoData demoData;

	private final FibonaccoProperties properties;

	private final Environment environment;

	private Optional<FirstTenant> created = Optional.empty();

	FirstStart(TenantBootstrap bootstrap, DemoData demoData, FibonaccoProperties properties, Environment environment) {
		this.bootstrap = bootstrap;
		this.demoData = demoData;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		created = bootstrap.createFirstTenantIfEmpty(properties.admin().email(), properties.admin().password());
		created.ifPresent(tenant -> {
			if (properties.demoData()) {
				DemoData.Summary summary = demoData.load(tenant.tenantId());
				log.info("Loaded demo data: {} communities, {} SMBs", summary.communities(), summary.smbs());
			}
		});
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		StringBuilder message = new StringBuilder("\n\n  Fibonacco is running: console on http://localhost:")
			.append(port)
			.append("  (API docs: http://localhost:")
			.append(port)
			.append("/swagger-ui)\n");
		created.ifPresentOrElse(tenant -> {
			message.append("  Admin login: ").append(tenant.adminEmail());
			tenant.generatedPassword()
				.ifPresentOrElse(
						password -> message.append("  password: ")
							.append(password)
							.append("  (generated; shown only this once)\n"),
						() -> message.append("  password: the one in FIBONACCO_ADMIN_PASSWORD\n"));
		}, () -> message.append("  Admin login: ")
			.append(properties.admin().email())
			.append(" (password as set on the first start)\n"));
		log.info(message.toString());
	}

}
