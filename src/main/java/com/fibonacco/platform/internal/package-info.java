@NullMarked
package com.fibonacco.platform.internal;

import org.jspecify.annotations.NullMarked;
