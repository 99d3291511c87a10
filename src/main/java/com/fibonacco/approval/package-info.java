/**
 * Service approvals, upsells and provisioning; publishes the approval and upsell events.
 */
@NullMarked
@ApplicationModule(displayName = "Approval")
package com.fibonacco.approval;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
