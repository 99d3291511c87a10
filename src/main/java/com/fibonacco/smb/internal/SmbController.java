package com.fibonacco.smb.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SMB records: create, read, edit with optimistic concurrency, delete, restore, list.
 */
@RestController
@RequestMapping("/api/v1/smbs")
@Tag(name = "SMBs", description = "The businesses Fibonacco courts")
class SmbController {

	private final SmbService smbs;

	SmbController(SmbService smbs) {
		this.smbs = smbs;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "List and search SMBs",
			description = "Filters: community_id, engagement_tier, campaign_status, service_model, subscription_tier, "
					+ "tag (+ tag_match=any|all), can_receive=email|sms|rvm|phone, data_quality_score_min/_max, "
					+ "created_after/_before, updated_after/_before, state, city, deleted=only; search= finds partial "
					+ "words in business, DBA and contact name, email, phone and city, and when nothing contains the "
					+ "term, similar words (typos); meta.search_match says which (contains or similar). sort= business_name, "
					+ "created_at, updated_at, engagement_score, data_quality_score (prefix - for descending). Page with "
					+ "page/per_page (≤200) or, for deep paging, cursor=meta.next_cursor. Lists are comma-separated.")
	ApiResponse<List<SmbResponse>> list(@RequestParam MultiValueMap<String, String> params) {
		SmbService.ListPage page = smbs.list(CurrentUser.get().tenantId(), flatten(params));
		return new ApiResponse<>(page.rows().stream().map(SmbResponse::of).toList(), page.meta());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('crm.contacts.edit')")
	@Operation(summary = "Create an SMB",
			description = "business_name and community_id are required. Emails are lower-cased, phones stored in E.164, "
					+ "the slug generated from the name when absent (409 slug_taken for a given slug in use).")
	ResponseEntity<ApiResponse<SmbResponse>> create(@RequestBody ObjectNode body) {
		CurrentUser user = CurrentUser.get();
		SmbRow created = smbs.create(user.tenantId(), body, user.userId());
		return ResponseEntity.status(HttpStatus.CREATED)
			.eTag(created.etag())
			.header(HttpHeaders.LOCATION, "/api/v1/smbs/" + created.uuid())
			.body(ApiResponse.of(SmbResponse.of(created)));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "One SMB, with its ETag", description = "Send the ETag back in If-Match when you change it.")
	ResponseEntity<ApiResponse<SmbResponse>> get(@PathVariable UUID id) {
		return withEtag(smbs.get(CurrentUser.get().tenantId(), id));
	}

	@GetMapping("/slug/{slug}")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "The SMB with this slug")
	ResponseEntity<ApiResponse<SmbResponse>> bySlug(@PathVariable String slug) {
		return withEtag(smbs.getBy(CurrentUser.get().tenantId(), "slug", slug));
	}

	@GetMapping("/lookup")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "The SMB with this primary email or phone",
			description = "Exactly one of email= or phone=; phones match in any common format.")
	ResponseEntity<ApiResponse<SmbResponse>> lookup(@RequestParam(required = false) @Nullable String email,
			@RequestParam(required = false) @Nullable String phone) {
		if ((email == null) == (phone == null)) {
			throw ApiException.invalid(email == null ? "email" : "phone", "give exactly one of email or phone");
		}
		var tenant = CurrentUser.get().tenantId();
		return withEtag(email != null ? smbs.getBy(tenant, "email", email) : smbs.getBy(tenant, "phone", phone));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('crm.contacts.edit')")
	@Operation(summary = "Replace an SMB's editable fields",
			description = "Needs If-Match with the ETag you read: 412 stale_write if it changed meanwhile, 428 without "
					+ "If-Match. Fields you leave out take their defaults (the slug is kept).")
	ResponseEntity<ApiResponse<SmbResponse>> replace(@PathVariable UUID id, @RequestBody ObjectNode body,
			@RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		return write(id, body, false, ifMatch);
	}

	@PatchMapping(value = "/{id}", consumes = { "application/json", "application/merge-patch+json" })
	@PreAuthorize("hasAuthority('crm.contacts.edit')")
	@Operation(summary = "Change some of an SMB's fields (JSON merge patch)",
			description = "Needs If-Match like PUT. null clears a field.")
	ResponseEntity<ApiResponse<SmbResponse>> patch(@PathVariable UUID id, @RequestBody ObjectNode body,
			@RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		return write(id, body, true, ifMatch);
	}

	private ResponseEntity<ApiResponse<SmbResponse>> write(UUID id, ObjectNode body, boolean merge,
			@Nullable String ifMatch) {
		CurrentUser user = CurrentUser.get();
		if (ifMatch == null || ifMatch.isBlank()) {
			// make sure the SMB exists before asking for a version of it
			smbs.get(user.tenantId(), id);
			throw new ApiException(HttpStatus.PRECONDITION_REQUIRED, "precondition_required",
					"Send If-Match with the ETag from your last read, so no one's change is silently overwritten");
		}
		long version = ifMatch.strip().equals("*") ? smbs.get(user.tenantId(), id).version() : version(ifMatch);
		return withEtag(smbs.update(user.tenantId(), id, body, merge, version, user.userId()));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('crm.contacts.delete')")
	@Operation(summary = "Delete an SMB (restorable for 90 days)",
			description = "If-Match is optional here; when sent, a stale one answers 412.")
	ResponseEntity<Void> delete(@PathVariable UUID id,
			@RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		CurrentUser user = CurrentUser.get();
		Long version = ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*") ? null : version(ifMatch);
		smbs.delete(user.tenantId(), id, version, user.userId());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/restore")
	@PreAuthorize("hasAuthority('crm.contacts.delete')")
	@Operation(summary = "Restore a deleted SMB", description = "409 not_deleted when it isn't deleted.")
	ResponseEntity<ApiResponse<SmbResponse>> restore(@PathVariable UUID id) {
		CurrentUser user = CurrentUser.get();
		return withEtag(smbs.restore(user.tenantId(), id, user.userId()));
	}

	@PostMapping("/bulk-update")
	@PreAuthorize("hasAuthority('crm.contacts.edit') and hasAuthority('crm.audiences.manage')")
	@Operation(summary = "Set the same fields on many SMBs",
			description = "filters (the list's filters) and/or ids select the SMBs (at most 50,000); updates may set "
					+ "community_id, business_type, category, service_model, subscription_tier, source, the opt-ins, "
					+ "do_not_contact, city and state. Answers data.updated_count.")
	ApiResponse<Map<String, Integer>> bulkUpdate(@RequestBody BulkUpdateRequest request) {
		CurrentUser user = CurrentUser.get();
		int updated = smbs.bulkUpdate(user.tenantId(), filters(request.filters()),
				request.ids() == null ? List.of() : request.ids(), request.updates(), user.userId());
		return ApiResponse.of(Map.of("updated_count", updated));
	}

	record BulkUpdateRequest(@Nullable ObjectNode filters, @Nullable List<UUID> ids, ObjectNode updates) {
	}

	static Map<String, String> filters(@Nullable ObjectNode filters) {
		Map<String, String> flat = new LinkedHashMap<>();
		if (filters != null) {
			for (var entry : filters.properties()) {
				JsonNode value = entry.getValue();
				if (value.isArray()) {
					StringBuilder joined = new StringBuilder();
					value.forEach(item -> joined.append(joined.isEmpty() ? "" : ",").append(item.asString()));
					flat.put(entry.getKey(), joined.toString());
				}
				else if (!value.isNull()) {
					flat.put(entry.getKey(), value.asString());
				}
			}
		}
		return flat;
	}

	static Map<String, String> flatten(MultiValueMap<String, String> params) {
		Map<String, String> flat = new LinkedHashMap<>();
		params.forEach((name, values) -> flat.put(name, String.join(",", values)));
		return flat;
	}

	private static long version(String ifMatch) {
		String tag = ifMatch.strip();
		if (tag.startsWith("W/")) {
			tag = tag.substring(2);
		}
		if (tag.matches("^\"v\\d{1,18}\"$")) {
			return Long.parseLong(tag.substring(2, tag.length() - 1));
		}
		throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_request",
				"If-Match must be the ETag you read, like \"v3\"");
	}

	static ResponseEntity<ApiResponse<SmbResponse>> withEtag(SmbRow row) {
		return ResponseEntity.ok().eTag(row.etag()).body(ApiResponse.of(SmbResponse.of(row)));
	}

}
