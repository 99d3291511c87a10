/**
 * Bulk import of SMBs from CSV and JSON files: the upload API, the JobRunr job that
 * stages a file's rows with {@code COPY} and merges them set-based in resumable batches,
 * and the error report. Internal to the smb module.
 */
@NullMarked
package com.fibonacco.smb.importing;

import org.jspecify.annotations.NullMarked;
