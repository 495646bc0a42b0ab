---@brief
--- crosscheck: flags figures that the articles of a story folder report differently, and
--- shows hover cards for the people, organisations and places they name.
---
--- Needs the `crosscheck` binary on PATH (or change `cmd` below to its full path).
--- Neovim 0.11+: put this file on the runtimepath as `lsp/crosscheck.lua` (for example
--- ~/.config/nvim/lsp/crosscheck.lua) and add to init.lua:
---
---   vim.lsp.enable('crosscheck')
---
--- Settings: the keys of crosscheck.toml (include, exclude, max_file_bytes,
--- approx_tolerance, rules, ignore, entities). A crosscheck.toml at the folder's root
--- applies by itself; to set them from Neovim instead:
---
---   vim.lsp.config('crosscheck', {
---     init_options = { approx_tolerance = 0.05, rules = { ['figure-differs'] = 'off' } },
---   })

---@type vim.lsp.Config
return {
  cmd = { 'crosscheck', 'lsp' },
  filetypes = { 'markdown', 'text' },
  -- Without either marker, the folder of the opened article is the workspace.
  root_markers = { 'crosscheck.toml', '.git' },
}
