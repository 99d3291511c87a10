package com.fibonacco.messaging.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.shared.web.Page;
import com.fibonacco.shared.web.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The captured outbox: the mail the default transport kept instead of sending. */
@RestController
@RequestMapping("/api/v1/outbox")
@PreAuthorize("hasAuthority('crm.campaigns.manage')")
@Tag(name = "Outbox", description = "Mail captured instead of sent (fibonacco.email.transport=outbox)")
class OutboxController {

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	OutboxController(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	record OutboxMessage(UUID id, String messageId, String from, String to, String subject, String bodyHtml,
			String bodyText, Map<String, String> headers, @Nullable UUID campaignSendId, Instant createdAt) {
	}

	@GetMapping
	@Operation(summary = "The tenant's captured mail, newest first", description = "Filter: to (an address).")
	ApiResponse<List<OutboxMessage>> list(@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
		TenantId tenant = CurrentUser.get().tenantId();
		PageQuery query = PageQuery.of(page, perPage);
		String where = " WHERE tenant_id = :tenant AND (CAST(:to AS text) IS NULL OR to_address = lower(:to))";
		long total = jdbc.sql("SELECT count(*) FROM outbox_messages" + where)
			.param("tenant", tenant.value())
			.param("to", to)
			.query(Long.class)
			.single();
		List<OutboxMessage> items = jdbc
			.sql("SELECT * FROM outbox_messages" + where
					+ " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
			.param("tenant", tenant.value())
			.param("to", to)
			.param("limit", query.perPage())
			.param("offset", query.offset())
			.query((rs, n) -> new OutboxMessage(rs.getObject("id", UUID.class), rs.getString("message_id"),
					rs.getString("from_address"), rs.getString("to_address"), rs.getString("subject"),
					rs.getString("body_html"), rs.getString("body_text"),
					json.readValue(rs.getString("headers"), HEADERS), rs.getObject("campaign_send_id", UUID.class),
					rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant()))
			.list();
		return ApiResponse.page(new Page<>(items, query, total));
	}

}
