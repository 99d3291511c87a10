package com.fibonacco.smb.importing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code fibonacco.import.*}: the largest file an import accepts (also the multipart
 * limit, see application.yml), how many staged rows one merge transaction takes and how
 * many such transactions run at once (each on a database connection of its own; an import
 * that updates matched SMBs merges one batch at a time, so the file's latest row about a
 * business wins). A job that dies resumes with the batches that had not committed.
 */
@Validated
@ConfigurationProperties("fibonacco.import")
public record ImportProperties(@DefaultValue("300MB") @NotNull DataSize maxFileSize,
		@DefaultValue("25000") @Min(1) @Max(1_000_000) int batchSize,
		@DefaultValue("2") @Min(1) @Max(16) int mergeWorkers) {

	public ImportProperties {
		if (maxFileSize.toBytes() <= 0) {
			throw new IllegalArgumentException("fibonacco.import.max-file-size must be positive, was " + maxFileSize);
		}
	}

}
