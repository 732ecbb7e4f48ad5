package io.github.rollbacksafety.database;

import io.github.rollbacksafety.RollbackSafetyException;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Opens JDBC connections through the drivers on the plugin's own class path. {@code DriverManager} only sees drivers
 * of the class loader that loaded it, which inside Maven is not the plugin's; asking the drivers directly works in
 * every class-loader layout.
 */
final class JdbcDrivers {

    private JdbcDrivers() {
    }

    static Connection connect(String url, String username, String password) throws SQLException {
        var properties = new Properties();
        if (username != null && !username.isEmpty()) {
            properties.setProperty("user", username);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        for (Driver driver : ServiceLoader.load(Driver.class, JdbcDrivers.class.getClassLoader())) {
            if (driver.acceptsURL(url)) {
                var connection = driver.connect(url, properties);
                if (connection != null) {
                    return connection;
                }
            }
        }
        throw new RollbackSafetyException("no JDBC driver for " + new DatabaseTarget.Url(url, "", "").label()
                + " on the plugin's class path: the plugin ships PostgreSQL and H2 drivers; add others as"
                + " <dependencies> of the plugin.");
    }
}
