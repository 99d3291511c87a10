package com.fibonacco.platform.internal;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Stops the embedded PostgreSQL only after the data source is closed: the data source is
 * made to depend on this lease, so the lease is destroyed after it, when JobRunr, the
 * event registry and Hikari have all let go of their connections.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("fibonacco.embedded-postgres.running")
class EmbeddedPostgresLease implements DisposableBean {

	static final String BEAN_NAME = "embeddedPostgresLease";

	private final String dataDir;

	EmbeddedPostgresLease(Environment environment) {
		this.dataDir = environment.getRequiredProperty(EmbeddedPostgresEnvironment.RUNNING_PROPERTY);
	}

	@Bean
	static BeanFactoryPostProcessor dataSourceOutlivesNothingButTheDatabase() {
		return beanFactory -> {
			for (String name : beanFactory.getBeanNamesForType(javax.sql.DataSource.class, true, false)) {
				var definition = beanFactory.getBeanDefinition(name);
				String[] dependsOn = definition.getDependsOn();
				String[] updated = dependsOn == null ? new String[1]
						: java.util.Arrays.copyOf(dependsOn, dependsOn.length + 1);
				updated[updated.length - 1] = BEAN_NAME;
				definition.setDependsOn(updated);
			}
		};
	}

	@Override
	public void destroy() {
		EmbeddedPostgresEnvironment.release(dataDir);
	}

}
