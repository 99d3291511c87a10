package com.fibonacco.platform.internal;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class JobDashboardGuardTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(JobDashboardGuard.class);

	@Test
	void theJobDashboardWithoutCredentialsStopsStartUp() {
		runner.withPropertyValues("jobrunr.dashboard.enabled=true")
			.run(context -> assertThat(context).getFailure().hasStackTraceContaining("jobrunr.dashboard.username"));
	}

	@Test
	void theJobDashboardWithCredentialsStarts() {
		runner
			.withPropertyValues("jobrunr.dashboard.enabled=true", "jobrunr.dashboard.username=ops",
					"jobrunr.dashboard.password=long-random-secret")
			.run(context -> assertThat(context).hasNotFailed());
	}

}
