@NullMarked
package com.fibonacco.shared.web;

import org.jspecify.annotations.NullMarked;
