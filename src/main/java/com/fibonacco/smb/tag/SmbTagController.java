package com.fibonacco.smb.tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;

import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.smb.tag.TagDtos.SmbTagResponse;
import com.fibonacco.smb.tag.TagDtos.TagIdsRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tags one SMB carries. */
@RestController
@RequestMapping("/api/v1/smbs/{smbId}/tags")
@Tag(name = "Tags")
class SmbTagController {

	private final TagService tags;

	SmbTagController(TagService tags) {
		this.tags = tags;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "The SMB's tags", description = "Sorted by name. 404 for an unknown or deleted SMB.")
	ApiResponse<List<SmbTagResponse>> list(@PathVariable UUID smbId) {
		return respond(tags.tagsOfSmb(CurrentUser.get().tenantId(), smbId).stream().map(SmbTagResponse::of).toList());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('crm.contacts.edit')")
	@Operation(summary = "Put tags on the SMB",
			description = "Every tag_id must be a tag of the tenant, else 422 names them and nothing is tagged. Tags "
					+ "the SMB already carries are left as they are. Answers all the SMB's tags.")
	ApiResponse<List<SmbTagResponse>> add(@PathVariable UUID smbId, @Valid @RequestBody TagIdsRequest request) {
		return respond(
				tags.tagSmb(CurrentUser.get(), smbId, request.tagIds()).stream().map(SmbTagResponse::of).toList());
	}

	@DeleteMapping("/{tagId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize("hasAuthority('crm.contacts.edit')")
	@Operation(summary = "Take a tag off the SMB", description = "404 when the SMB does not carry the tag.")
	void remove(@PathVariable UUID smbId, @PathVariable UUID tagId) {
		tags.untagSmb(CurrentUser.get(), smbId, tagId);
	}

	private static ApiResponse<List<SmbTagResponse>> respond(List<SmbTagResponse> tags) {
		return new ApiResponse<>(tags, Map.of("total", tags.size()));
	}

}
