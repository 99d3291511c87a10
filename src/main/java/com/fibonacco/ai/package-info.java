/**
 * The AI account manager: LLM provider settings, tasks and suggestions.
 */
@NullMarked
@ApplicationModule(displayName = "AI")
package com.fibonacco.ai;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
