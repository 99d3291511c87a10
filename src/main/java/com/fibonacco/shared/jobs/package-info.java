@NullMarked
package com.fibonacco.shared.jobs;

import org.jspecify.annotations.NullMarked;
