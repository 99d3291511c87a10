/**
 * Demo data for the first start: communities and SMBs that look like a real book of local
 * businesses.
 */
@NullMarked
@ApplicationModule(displayName = "Demo data")
package com.fibonacco.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
