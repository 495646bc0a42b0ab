-- crosscheck for Neovim 0.8-0.10 (no vim.lsp.config / vim.lsp.enable yet).
-- Copy into init.lua, or put this file on the runtimepath as plugin/crosscheck.lua.
-- Neovim 0.11+ should use lsp/crosscheck.lua and vim.lsp.enable('crosscheck') instead.
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'markdown', 'text' },
  group = vim.api.nvim_create_augroup('crosscheck-lsp', { clear = true }),
  callback = function(args)
    local file = vim.api.nvim_buf_get_name(args.buf)
    if file == '' then
      return
    end
    local dir = vim.fs.dirname(file)
    local marker = vim.fs.find({ 'crosscheck.toml', '.git' }, { upward = true, path = dir })[1]
    vim.lsp.start({
      name = 'crosscheck',
      cmd = { 'crosscheck', 'lsp' },
      -- Without a marker, the folder of the opened article is the workspace.
      root_dir = marker and vim.fs.dirname(marker) or dir,
      -- Same keys as crosscheck.toml, e.g. { approx_tolerance = 0.05 }.
      init_options = {},
    }, { bufnr = args.buf })
  end,
})
