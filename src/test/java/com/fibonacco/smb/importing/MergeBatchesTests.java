package com.fibonacco.smb.importing;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fibonacco.smb.importing.SmbImportJob.Range;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which staged rows a (restarted) merge still has to do: batches merged at once commit out
 * of order, so what is left can be any set of gaps.
 */
class MergeBatchesTests {

	@Test
	void aFreshMergeCutsAllRowsIntoBatches() {
		assertThat(SmbImportJob.gaps(List.of(), 120, 50)).containsExactly(new Range(0, 50), new Range(50, 100),
				new Range(100, 120));
	}

	@Test
	void aRestartMergesOnlyTheRowsNoCommittedBatchCovers() {
		List<Range> committed = List.of(new Range(100, 150), new Range(0, 50), new Range(200, 230));

		assertThat(SmbImportJob.gaps(committed, 230, 50)).containsExactly(new Range(50, 100), new Range(150, 200));
	}

	@Test
	void aChangedBatchSizeStillLeavesNoRowOutAndNoneTwice() {
		// merged in batches of 50, resumed with batches of 30
		List<Range> committed = List.of(new Range(50, 100));

		assertThat(SmbImportJob.gaps(committed, 160, 30)).containsExactly(new Range(0, 30), new Range(30, 50),
				new Range(100, 130), new Range(130, 160));
	}

	@Test
	void nothingIsLeftWhenEveryBatchCommitted() {
		assertThat(SmbImportJob.gaps(List.of(new Range(0, 50), new Range(50, 80)), 80, 50)).isEmpty();
		assertThat(SmbImportJob.gaps(List.of(), 0, 50)).isEmpty();
	}

}
