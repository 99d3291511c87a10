/**
 * Learning-center content and its views; publishes
 * {@link com.fibonacco.content.ContentViewed} and
 * {@link com.fibonacco.content.ContentCompleted}.
 */
@NullMarked
@ApplicationModule(displayName = "Content")
package com.fibonacco.content;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
