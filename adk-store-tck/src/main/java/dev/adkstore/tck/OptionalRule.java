package dev.adkstore.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A TCK test of a rule that depends on a {@link TckCapability}: a JUnit test tagged {@code
 * optional}, skipped with the reason when the backend does not declare the capability.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Tag("optional")
@Test
public @interface OptionalRule {}
