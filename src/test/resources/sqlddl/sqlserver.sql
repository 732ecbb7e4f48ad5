ALTER TABLE [dbo].[orders] ADD [note] nvarchar(100) NULL
GO
EXEC sp_rename 'dbo.orders.status', 'state', 'COLUMN'
GO
ALTER TABLE [dbo].[orders] ALTER COLUMN [state] nvarchar(20) NOT NULL
GO
