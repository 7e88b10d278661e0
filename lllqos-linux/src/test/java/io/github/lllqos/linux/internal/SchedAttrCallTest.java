package io.github.lllqos.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The system call numbers of sched_setattr and sched_getattr, from each architecture's unistd.h. */
class SchedAttrCallTest {

    @Test
    void each_architecture_has_its_own_numbers_and_an_unknown_one_has_none() {
        assertThat(NativeLibc.schedAttrCall("amd64", true)).isEqualTo(314);
        assertThat(NativeLibc.schedAttrCall("amd64", false)).isEqualTo(315);
        assertThat(NativeLibc.schedAttrCall("aarch64", true)).isEqualTo(274);
        assertThat(NativeLibc.schedAttrCall("riscv64", false)).isEqualTo(275);
        assertThat(NativeLibc.schedAttrCall("ppc64le", true)).isEqualTo(355);
        assertThat(NativeLibc.schedAttrCall("s390x", true)).isEqualTo(345);
        assertThat(NativeLibc.schedAttrCall("sparcv9", true)).isZero();
        assertThat(NativeLibc.schedAttrCall("sparcv9", false)).isZero();
    }
}
