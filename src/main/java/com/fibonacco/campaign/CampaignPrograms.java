package com.fibonacco.campaign;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

/**
 * The per-SMB programs: one state machine over pending, scheduled, running, paused,
 * completed and cancelled. An illegal move throws
 * {@link com.fibonacco.shared.web.ApiException} 409 {@code illegal_program_transition};
 * an unknown SMB (or another tenant's) 404.
 */
public interface CampaignPrograms {

	/** The SMB's program; pending when it was never started. */
	CampaignProgram program(TenantId tenant, SmbId smb);

	/**
	 * Starts a pending program on day 1 today ({@code startDate} null or today in the
	 * community's time zone), or schedules it for a later local date.
	 */
	CampaignProgram start(TenantId tenant, SmbId smb, @Nullable LocalDate startDate);

	/** Pauses a running program; the days it stays paused don't count. */
	CampaignProgram pause(TenantId tenant, SmbId smb, String reason);

	CampaignProgram resume(TenantId tenant, SmbId smb);

	/** Ends a program that is not over; its queued sends are cancelled. */
	CampaignProgram cancel(TenantId tenant, SmbId smb);

}
