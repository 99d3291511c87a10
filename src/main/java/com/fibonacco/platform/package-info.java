/**
 * The platform the modules run on: the embedded PostgreSQL default, the first start, and
 * start-up messages.
 */
@NullMarked
@ApplicationModule(displayName = "Platform")
package com.fibonacco.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
