package com.fibonacco.platform.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * JobRunr's open-source dashboard has no users of its own: it may only be switched on
 * with basic-auth credentials, which admins keep. Without them start-up stops and says
 * so.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("jobrunr.dashboard.enabled")
class JobDashboardGuard {

	JobDashboardGuard(Environment environment) {
		if (!StringUtils.hasText(environment.getProperty("jobrunr.dashboard.username"))
				|| !StringUtils.hasText(environment.getProperty("jobrunr.dashboard.password"))) {
			throw new IllegalStateException("jobrunr.dashboard.enabled=true needs jobrunr.dashboard.username and "
					+ "jobrunr.dashboard.password (JOBRUNR_DASHBOARD_USERNAME/PASSWORD): the dashboard is for admins only");
		}
	}

}
