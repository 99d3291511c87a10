/**
 * Who may do what: tenants, users and their roles, personal API tokens, console sessions
 * and login throttling. Its API is {@link com.fibonacco.identity.TenantBootstrap} and the
 * {@link com.fibonacco.identity.TenantCreated} event.
 */
@NullMarked
@ApplicationModule(displayName = "Identity")
package com.fibonacco.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
