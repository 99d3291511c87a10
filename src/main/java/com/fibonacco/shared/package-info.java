/**
 * What every module shares: tenant and id values, the API envelope and problem responses,
 * the signed-in user and its permissions, and the schedule of recurring jobs. An open
 * module: everything here may be used from anywhere.
 */
@NullMarked
@ApplicationModule(displayName = "Shared", type = ApplicationModule.Type.OPEN)
package com.fibonacco.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
