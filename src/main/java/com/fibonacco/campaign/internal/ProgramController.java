package com.fibonacco.campaign.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import com.fibonacco.campaign.CampaignProgram;
import com.fibonacco.campaign.CampaignPrograms;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.smb.SmbId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An SMB's Manifest Destiny program: start, pause, resume, cancel, and its state with
 * every send and its events. Illegal moves answer 409 illegal_program_transition.
 */
@RestController
@RequestMapping("/api/v1/smbs/{id}")
@Tag(name = "Campaign programs", description = "Each SMB's 90-day program of campaign emails")
class ProgramController {

	private final CampaignPrograms programs;

	private final SendHistory history;

	ProgramController(CampaignPrograms programs, SendHistory history) {
		this.programs = programs;
		this.history = history;
	}

	record StartRequest(@Nullable LocalDate startDate) {
	}

	record PauseRequest(@NotBlank @Size(max = 255) String reason) {
	}

	record ProgramResponse(UUID smbId, String campaignStatus, int manifestDestinyDay,
			@Nullable LocalDate manifestDestinyStartDate, @Nullable String currentCampaignId,
			@Nullable Instant nextScheduledSend, @Nullable Instant nextAdvanceAt, @Nullable String pauseReason,
			@Nullable Instant pausedAt, int pausedDays, @Nullable Instant startedAt, @Nullable Instant completedAt,
			@Nullable Instant cancelledAt) {

		static ProgramResponse of(CampaignProgram p) {
			return new ProgramResponse(p.smbId().value(), p.status(), p.day(), p.startDate(), p.currentCampaignId(),
					p.nextScheduledSend(), p.nextAdvanceAt(), p.pauseReason(), p.pausedAt(), p.pausedDays(),
					p.startedAt(), p.completedAt(), p.cancelledAt());
		}

	}

	record ProgramWithSends(ProgramResponse program, List<SendHistory.SendView> sends,
			List<SendHistory.DropView> voicemails) {
	}

	@PostMapping("/campaign/start")
	@PreAuthorize("hasAuthority('crm.campaigns.manage')")
	@Operation(summary = "Start the SMB's program",
			description = "Day 1 today in the community's time zone, or scheduled for a later start_date. "
					+ "409 illegal_program_transition unless the program is pending.")
	ApiResponse<ProgramResponse> start(@PathVariable UUID id,
			@Valid @RequestBody(required = false) @Nullable StartRequest request) {
		return ApiResponse.of(ProgramResponse
			.of(programs.start(tenant(), new SmbId(id), request == null ? null : request.startDate())));
	}

	@PostMapping("/campaign/pause")
	@PreAuthorize("hasAuthority('crm.campaigns.manage')")
	@Operation(summary = "Pause a running program", description = "reason is required. Paused days don't count.")
	ApiResponse<ProgramResponse> pause(@PathVariable UUID id, @Valid @RequestBody PauseRequest request) {
		return ApiResponse.of(ProgramResponse.of(programs.pause(tenant(), new SmbId(id), request.reason().strip())));
	}

	@PostMapping("/campaign/resume")
	@PreAuthorize("hasAuthority('crm.campaigns.manage')")
	@Operation(summary = "Resume a paused program", description = "The program continues on the day it was paused.")
	ApiResponse<ProgramResponse> resume(@PathVariable UUID id) {
		return ApiResponse.of(ProgramResponse.of(programs.resume(tenant(), new SmbId(id))));
	}

	@PostMapping("/campaign/cancel")
	@PreAuthorize("hasAuthority('crm.campaigns.manage')")
	@Operation(summary = "Cancel a program that is not over", description = "Queued sends are cancelled.")
	ApiResponse<ProgramResponse> cancel(@PathVariable UUID id) {
		return ApiResponse.of(ProgramResponse.of(programs.cancel(tenant(), new SmbId(id))));
	}

	@GetMapping("/campaigns")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "The SMB's program with every send and its events, and its voicemail drops")
	ApiResponse<ProgramWithSends> campaigns(@PathVariable UUID id) {
		CampaignProgram program = programs.program(tenant(), new SmbId(id));
		return new ApiResponse<>(new ProgramWithSends(ProgramResponse.of(program),
				history.sends(tenant(), new SmbId(id)), history.voicemails(tenant(), new SmbId(id))), Map.of());
	}

	private static TenantId tenant() {
		return CurrentUser.get().tenantId();
	}

}
