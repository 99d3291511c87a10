/**
 * Streaming export of SMBs as CSV or JSON lines, with the list's filters. Internal to the
 * smb module.
 */
@NullMarked
package com.fibonacco.smb.exporting;

import org.jspecify.annotations.NullMarked;
