@NullMarked
package com.fibonacco.shared.security;

import org.jspecify.annotations.NullMarked;
