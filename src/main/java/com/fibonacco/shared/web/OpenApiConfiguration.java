package com.fibonacco.shared.web;

import java.util.Map;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: bearer-token security and the problem responses every endpoint
 * can give, so each operation lists its errors.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final Map<String, String> COMMON_ERRORS = Map.of("400",
			"Malformed request: invalid JSON, an unknown field or a wrong type (problem+json)", "401",
			"Not signed in, or the API token is unknown, revoked or expired (problem+json)", "403",
			"The user's role may not do this, or the CSRF token is missing (problem+json)", "404",
			"Unknown id, or a row of another tenant (problem+json)", "422",
			"Invalid values; errors[] names each field (problem+json)", "429",
			"Too many requests or failed logins (problem+json)");

	@Bean
	OpenAPI fibonaccoOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Fibonacco API")
				.version("v1")
				.description("CRM and marketing automation for courting local businesses. Responses are "
						+ "{\"data\": …, \"meta\": {…}}; errors are RFC 9457 problem+json with a stable code."))
			.components(new Components()
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("A personal API token from POST /api/v1/auth/tokens"))
				.addSchemas("Problem", problemSchema()))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

	/**
	 * springdoc reads models with its own (Jackson 2) mapper, which knows nothing of the
	 * API's snake_case naming; without this the documented fields would be camelCase.
	 */
	@Bean
	ModelResolver snakeCaseModels() {
		return new ModelResolver(io.swagger.v3.core.util.Json.mapper()
			.copy()
			.setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE));
	}

	@Bean
	OpenApiCustomizer problemResponsesOnEveryOperation() {
		return openApi -> openApi.getPaths()
			.values()
			.forEach(path -> path.readOperationsMap().forEach((method, operation) -> addErrors(method, operation)));
	}

	private static void addErrors(PathItem.HttpMethod method, Operation operation) {
		COMMON_ERRORS.forEach((status, description) -> {
			if (operation.getResponses() != null && !operation.getResponses().containsKey(status)
					&& (method != PathItem.HttpMethod.GET || !"422".equals(status))) {
				operation.getResponses()
					.addApiResponse(status,
							new ApiResponse().description(description)
								.content(new Content().addMediaType("application/problem+json",
										new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
			}
		});
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().addProperty("type", new StringSchema().format("uri"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema())
			.addProperty("code", new StringSchema().description("stable machine-readable error code"))
			.addProperty("errors", new ArraySchema().items(new ObjectSchema().addProperty("field", new StringSchema())
				.addProperty("message", new StringSchema())));
	}

}
