package io.github.lllqos.fake.junit;

import io.github.lllqos.fake.KernelProfile;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the kernel generation {@link SimulatedKernelExtension} simulates for a test method or class, such as
 * {@code @WithKernelProfile(KernelProfile.WRITES_IGNORED)} for a vendor kernel that ignores requests.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface WithKernelProfile {

    /**
     * The profile.
     *
     * @return the kernel generation to simulate
     */
    KernelProfile value();
}
