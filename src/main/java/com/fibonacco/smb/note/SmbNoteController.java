package com.fibonacco.smb.note;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.shared.web.PageQuery;
import com.fibonacco.smb.note.NoteDtos.NotePatch;
import com.fibonacco.smb.note.NoteDtos.NoteRequest;
import com.fibonacco.smb.note.NoteDtos.NoteResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Notes users write about an SMB. */
@RestController
@RequestMapping("/api/v1/smbs/{smbId}/notes")
@Tag(name = "Notes", description = "Notes on SMBs (seed 002 §1.3)")
class SmbNoteController {

	private final SmbNoteService notes;

	SmbNoteController(SmbNoteService notes) {
		this.notes = notes;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "The SMB's notes",
			description = "Pinned notes first, then the newest first; each with its author {id, name}. 404 for an "
					+ "unknown or deleted SMB.")
	ApiResponse<List<NoteResponse>> list(@PathVariable UUID smbId,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
		return ApiResponse.page(notes.notes(CurrentUser.get().tenantId(), smbId, PageQuery.of(page, perPage)));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('crm.activities.manage')")
	@Operation(summary = "Add a note to the SMB", description = "content up to 20,000 characters; is_pinned optional.")
	ApiResponse<NoteResponse> add(@PathVariable UUID smbId, @Valid @RequestBody NoteRequest request) {
		return ApiResponse.of(notes.add(CurrentUser.get(), smbId, request));
	}

	@GetMapping("/{noteId}")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "One note of the SMB", description = "404 for a note of another SMB or tenant.")
	ApiResponse<NoteResponse> get(@PathVariable UUID smbId, @PathVariable UUID noteId) {
		return ApiResponse.of(notes.note(CurrentUser.get().tenantId(), smbId, noteId));
	}

	@PutMapping("/{noteId}")
	@PreAuthorize("hasAuthority('crm.activities.manage')")
	@Operation(summary = "Replace a note",
			description = "content is required; a missing is_pinned unpins the note. Only the note's author or an "
					+ "admin (403 otherwise).")
	ApiResponse<NoteResponse> replace(@PathVariable UUID smbId, @PathVariable UUID noteId,
			@Valid @RequestBody NoteRequest request) {
		return ApiResponse.of(notes.change(CurrentUser.get(), smbId, noteId, NotePatch.of(request)));
	}

	@PatchMapping("/{noteId}")
	@PreAuthorize("hasAuthority('crm.activities.manage')")
	@Operation(summary = "Edit, pin or unpin a note",
			description = "Only the fields sent change. Only the note's author or an admin (403 otherwise).")
	ApiResponse<NoteResponse> patch(@PathVariable UUID smbId, @PathVariable UUID noteId,
			@Valid @RequestBody NotePatch patch) {
		return ApiResponse.of(notes.change(CurrentUser.get(), smbId, noteId, patch));
	}

	@DeleteMapping("/{noteId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize("hasAuthority('crm.activities.manage')")
	@Operation(summary = "Delete a note", description = "Only the note's author or an admin (403 otherwise).")
	void delete(@PathVariable UUID smbId, @PathVariable UUID noteId) {
		notes.delete(CurrentUser.get(), smbId, noteId);
	}

}
