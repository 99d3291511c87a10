@NullMarked
package com.fibonacco.demo.internal;

import org.jspecify.annotations.NullMarked;
