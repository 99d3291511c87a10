package com.fibonacco.identity;

import java.util.Optional;

import com.fibonacco.shared.TenantId;

/**
 * The tenant and platform admin created on the first start. The password is present only
 * when it was generated, so it can be shown once.
 */
public record FirstTenant(TenantId tenantId, String adminEmail, Optional<String> generatedPassword) {
}
