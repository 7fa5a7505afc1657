package cn.onecity.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.transaction.TestTransaction;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onecity.shared.ConflictException;

/** A command's operation-log entry is written in the command's transaction: it commits and rolls back with it. */
@IdentityIntegrationTest
class OperationLogIntegrationTest {

    @Autowired Accounts accounts;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    @Test
    @Transactional
    void creatingAnAccountWritesOneEntryThatRollsBackWithTheTransaction() {
        String username = TestAccounts.uniqueUsername(Role.JOINT_OFFICE);
        accounts.createAccount(newAccount(username));

        assertThat(accountsNamed(username)).isEqualTo(1);
        assertThat(entriesFor(username)).isEqualTo(1);

        TestTransaction.end(); // rolls back, as every @Transactional test does by default
        assertThat(accountsNamed(username)).isZero();
        assertThat(entriesFor(username)).isZero();
    }

    @Test
    void aLaterFailureInTheSameTransactionLeavesNeitherTheAccountNorItsEntry() {
        String username = TestAccounts.uniqueUsername(Role.JOINT_OFFICE);
        TransactionTemplate tx = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            accounts.createAccount(newAccount(username));
            throw new IllegalStateException("a later step of the same command fails");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(accountsNamed(username)).isZero();
        assertThat(entriesFor(username)).isZero();
    }

    @Test
    void aCommittedAccountHasExactlyOneEntryAndADuplicateUsernameAddsNone() {
        String username = TestAccounts.uniqueUsername(Role.JOINT_OFFICE);
        accounts.createAccount(newAccount(username));
        assertThat(entriesFor(username)).isEqualTo(1);

        assertThatThrownBy(() -> accounts.createAccount(newAccount(username)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("已被使用");
        assertThat(accountsNamed(username)).isEqualTo(1);
        assertThat(entriesFor(username)).isEqualTo(1);
    }

    @Test
    void recordingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> audit.record("identity", "测试", "nobody", null))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void aRecordedFailureSurvivesTheRollbackOfTheCallersTransaction() {
        String target = TestAccounts.uniqueUsername(Role.RESIDENT);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            audit.recordFailure("identity", "测试失败记录", target, "调用方事务随后回滚");
            throw new IllegalStateException("rollback");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM idn_operation_log WHERE target = :t AND success = FALSE")
                .param("t", target).query(Integer.class).single()).isEqualTo(1);
    }

    private NewAccount newAccount(String username) {
        return new NewAccount(username, "日志测试", TestAccounts.PASSWORD, Role.JOINT_OFFICE,
                TestAccounts.organisationNamed(accounts, "长株潭一体化发展事务中心").id(), null);
    }

    private int accountsNamed(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM idn_account WHERE username = :u").param("u", username)
                .query(Integer.class).single();
    }

    private int entriesFor(String username) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM idn_operation_log
                WHERE module = 'identity' AND action = '新建账户' AND target = :u AND success = TRUE""")
                .param("u", username).query(Integer.class).single();
    }
}
