@NullMarked
package com.fibonacco.community.internal;

import org.jspecify.annotations.NullMarked;
