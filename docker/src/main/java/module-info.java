/** The program of the lllqos test image: holds a lease and reports its state. */
module io.github.lllqos.docker {
    requires transitive io.github.lllqos;

    exports io.github.lllqos.docker;
}
