-- ctg's language server in Neovim (0.7 or later, no plugin needed): put
-- this file in ~/.config/nvim/plugin/ctg.lua, or `:luafile` it. Every YAML
-- buffer gets `ctg lsp` (one server for them all): the findings of
-- `ctg validate` as you type, hover, completion, go to definition, the
-- outline and the fixes as code actions (README "In the editor").
local client_id

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'yaml',
  callback = function(args)
    if not (client_id and vim.lsp.get_client_by_id(client_id)) then
      client_id = vim.lsp.start_client({
        name = 'ctg',
        cmd = { 'ctg', 'lsp' },
        root_dir = vim.fn.getcwd(),
      })
    end
    if client_id then
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})
