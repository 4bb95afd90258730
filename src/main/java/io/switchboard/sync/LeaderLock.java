package io.switchboard.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A PostgreSQL session advisory lock, held on a connection of its own for as long as a job runs: one instance (and
 * one thread) at a time holds a name. PostgreSQL lets it go with the session, so an instance that dies mid-run
 * frees it.
 */
final class LeaderLock implements AutoCloseable {

    private final Connection connection;
    private final String name;

    private LeaderLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** The lock, or null when another session holds it. */
    static LeaderLock tryAcquire(DataSource database, String name) throws SQLException {
        Connection connection = database.getConnection();
        try {
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
                lock.setString(1, name);
                try (ResultSet got = lock.executeQuery()) {
                    if (got.next() && got.getBoolean(1)) {
                        return new LeaderLock(connection, name);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    @Override
    public void close() throws SQLException {
        try (connection; PreparedStatement unlock = connection.prepareStatement(
                "SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
            unlock.setString(1, name);
            unlock.execute();
        }
    }
}
