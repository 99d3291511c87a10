package com.fibonacco.platform.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresSizingTests {

	private static final long GIB = 1024L * 1024 * 1024;

	@Test
	void sharedBuffersTakeAnEighthOfTheMachine() {
		assertThat(EmbeddedPostgresEnvironment.sharedBuffers(8 * GIB)).isEqualTo("1024MB");
	}

	@Test
	void sharedBuffersStayWithinPostgresDefaultAndTwoGigabytes() {
		assertThat(EmbeddedPostgresEnvironment.sharedBuffers(GIB / 2)).isEqualTo("128MB");
		assertThat(EmbeddedPostgresEnvironment.sharedBuffers(0)).isEqualTo("128MB");
		assertThat(EmbeddedPostgresEnvironment.sharedBuffers(64 * GIB)).isEqualTo("2048MB");
	}

}
