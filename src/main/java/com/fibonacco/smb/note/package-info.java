/**
 * Notes users write about an SMB (seed 002 §1.3), pinned ones first. Internal to the SMB
 * module; publishes {@link com.fibonacco.smb.NoteAdded},
 * {@link com.fibonacco.smb.NoteUpdated} and {@link com.fibonacco.smb.NoteDeleted}.
 */
@NullMarked
package com.fibonacco.smb.note;

import org.jspecify.annotations.NullMarked;
