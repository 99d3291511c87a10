/**
 * Follow-up tasks on SMBs (seed 002 §1.3): per SMB, and per person across SMBs, with due
 * dates in the SMB's community time zone and overdue detection. Internal to the SMB
 * module; publishes {@link com.fibonacco.smb.TaskCreated},
 * {@link com.fibonacco.smb.TaskUpdated}, {@link com.fibonacco.smb.TaskCompleted} and
 * {@link com.fibonacco.smb.TaskDeleted}.
 */
@NullMarked
package com.fibonacco.smb.task;

import org.jspecify.annotations.NullMarked;
