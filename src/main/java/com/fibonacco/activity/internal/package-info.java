@NullMarked
package com.fibonacco.activity.internal;

import org.jspecify.annotations.NullMarked;
