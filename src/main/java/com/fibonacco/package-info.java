/**
 * Fibonacco's base package: each direct sub-package is one Spring Modulith application
 * module.
 */
@NullMarked
package com.fibonacco;

import org.jspecify.annotations.NullMarked;
