/**
 * The Manifest Destiny campaign catalog, per-SMB 90-day programs, campaign sends and the
 * RVM policy.
 */
@NullMarked
@ApplicationModule(displayName = "Campaign")
package com.fibonacco.campaign;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
