@NullMarked
package com.fibonacco.smb.internal;

import org.jspecify.annotations.NullMarked;
