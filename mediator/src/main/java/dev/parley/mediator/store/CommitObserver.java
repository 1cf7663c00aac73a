package dev.parley.mediator.store;

import java.time.Duration;

/**
 * Told of every group commit a store makes, so metrics can show whether intake waits on the disk (few
 * operations per commit, long commits) or on CPU. Called on the store's writer thread after the commit
 * returned: it must be quick and must not call the store.
 */
@FunctionalInterface
public interface CommitObserver {

    /** Observes nothing. */
    CommitObserver NONE = (operations, commit) -> { };

    /**
     * @param operations write operations the commit carried (failed ones included)
     * @param commit how long the commit itself took, fsync included
     */
    void committed(int operations, Duration commit);
}
