package dev.adkstore.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A TCK test of a rule every backend must pass: a JUnit test tagged {@code required}. Its method
 * name carries the rule id, as in {@code required_S8_pagingHasNoOverlapAndNoGap}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Tag("required")
@Test
public @interface RequiredRule {}
