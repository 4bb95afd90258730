/** Work the hub does in the background while it is up. */
package io.switchboard.jobs;
