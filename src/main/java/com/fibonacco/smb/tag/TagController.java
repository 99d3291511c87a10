package com.fibonacco.smb.tag;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.shared.web.PageQuery;
import com.fibonacco.smb.internal.SmbSelections;
import com.fibonacco.smb.tag.TagDtos.CreateTagRequest;
import com.fibonacco.smb.tag.TagDtos.SmbIdsRequest;
import com.fibonacco.smb.tag.TagDtos.TagResponse;
import com.fibonacco.smb.tag.TagDtos.TaggedCount;
import com.fibonacco.smb.tag.TagDtos.UntaggedCount;
import com.fibonacco.smb.tag.TagDtos.UpdateTagRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's tags, and one tag put on or taken off many SMBs at once. */
@RestController
@RequestMapping("/api/v1/tags")
@Tag(name = "Tags", description = "Labels for SMBs (seed 002 §1.1)")
class TagController {

	private final TagService tags;

	private final SmbSelections selections;

	TagController(TagService tags, SmbSelections selections) {
		this.selections = selections;
		this.tags = tags;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "List the tenant's tags",
			description = "Sorted by name, each with smb_count: how many live SMBs carry it.")
	ApiResponse<List<TagResponse>> list(@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
		return ApiResponse
			.page(tags.tags(CurrentUser.get().tenantId(), PageQuery.of(page, perPage)).map(TagResponse::of));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('crm.tags.manage')")
	@Operation(summary = "Create a tag",
			description = "color is one of gray (default), red, orange, amber, yellow, lime, green, teal, cyan, blue, "
					+ "indigo, purple, pink. The slug is derived from the name. 409 tag_exists when the tenant has "
					+ "a tag of the same name, ignoring case.")
	ApiResponse<TagResponse> create(@Valid @RequestBody CreateTagRequest request) {
		return ApiResponse.of(TagResponse.of(tags.create(CurrentUser.get(), request)));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "One tag of the tenant", description = "404 for an unknown id or another tenant's tag.")
	ApiResponse<TagResponse> get(@PathVariable UUID id) {
		return ApiResponse.of(TagResponse.of(tags.tag(CurrentUser.get().tenantId(), id)));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('crm.tags.manage')")
	@Operation(summary = "Change a tag's name, color or description",
			description = "Only the fields sent change; \"description\": null clears it. A new name gets a new "
					+ "slug. 409 tag_exists when another tag has the name, ignoring case.")
	ApiResponse<TagResponse> update(@PathVariable UUID id, @Valid @RequestBody UpdateTagRequest request) {
		return ApiResponse.of(TagResponse.of(tags.update(CurrentUser.get().tenantId(), id, request)));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize("hasAuthority('crm.tags.manage')")
	@Operation(summary = "Delete a tag", description = "Takes it off every SMB that carries it.")
	void delete(@PathVariable UUID id) {
		tags.delete(CurrentUser.get().tenantId(), id);
	}

	@PostMapping("/{id}/smbs")
	@PreAuthorize("hasAuthority('crm.contacts.edit')")
	@Operation(summary = "Put the tag on many SMBs",
			description = "Up to 10,000 smb_ids. Every id must be a (not deleted) SMB of the tenant, else 422 names "
					+ "them and nothing is tagged. SMBs that already carry the tag are left as they are; "
					+ "tagged_count counts the newly tagged ones. Instead of smb_ids, filters (the SMB list's filters) "
					+ "tags everything they select.")
	ApiResponse<TaggedCount> tagSmbs(@PathVariable UUID id, @Valid @RequestBody SmbIdsRequest request) {
		return ApiResponse.of(new TaggedCount(tags.tagSmbs(CurrentUser.get(), id, smbIds(request))));
	}

	@DeleteMapping("/{id}/smbs")
	@PreAuthorize("hasAuthority('crm.contacts.edit')")
	@Operation(summary = "Take the tag off many SMBs",
			description = "Up to 10,000 smb_ids, sent as the body of the DELETE. Every id must be a (not deleted) SMB "
					+ "of the tenant, else 422 names them and nothing changes; untagged_count counts the SMBs "
					+ "that carried the tag.")
	ApiResponse<UntaggedCount> untagSmbs(@PathVariable UUID id, @Valid @RequestBody SmbIdsRequest request) {
		return ApiResponse.of(new UntaggedCount(tags.untagSmbs(CurrentUser.get(), id, smbIds(request))));
	}

	/** The SMBs a bulk request names: by id, or everything its filters select. */
	private List<UUID> smbIds(SmbIdsRequest request) {
		if ((request.smbIds() == null) == (request.filters() == null)) {
			throw ApiException.invalid("smb_ids", "give either smb_ids or filters");
		}
		if (request.smbIds() != null) {
			return request.smbIds();
		}
		return selections.select(CurrentUser.get().tenantId(), SmbSelections.flatten(request.filters()),
				TagDtos.MAX_BULK_SMBS);
	}

}
