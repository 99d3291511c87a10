@NullMarked
package com.fibonacco.identity.internal;

import org.jspecify.annotations.NullMarked;
