/**
 * Communities (the towns SMBs belong to), their time zones and settings. API:
 * {@link com.fibonacco.community.Communities}.
 */
@NullMarked
@ApplicationModule(displayName = "Community")
package com.fibonacco.community;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
