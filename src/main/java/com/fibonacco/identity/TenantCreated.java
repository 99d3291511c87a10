package com.fibonacco.identity;

import com.fibonacco.shared.TenantId;

/**
 * A tenant was created; modules set up what every tenant starts with (e.g. the catalog).
 */
public record TenantCreated(TenantId tenantId, String name, String slug) {
}
